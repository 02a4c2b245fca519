//! Hills from an elevation grid: ESRI ASCII and GeoTIFF grids written here give the heights of
//! the plane they were made from, and a straight street up that plane costs, each way, exactly
//! what Tobler's hiking function says.

use mobile_stops::budget::MemoryLimit;
use mobile_stops::model::LatLon;
use mobile_stops::network::dem::{flat_factor, hill_costs, tobler_kmh, Dem};
use mobile_stops::network::Graph;
use std::path::Path;
use tiff::encoder::{colortype, TiffEncoder, TiffValue};
use tiff::tags::Tag;

/// Metres per degree of latitude on the sphere the crate measures with.
pub(super) const M_PER_DEG: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0;

/// A grid's layout: its north-west corner (cell edges), cell size in degrees, and shape.
#[derive(Clone, Copy)]
pub(super) struct Grid {
    pub west: f64,
    pub north: f64,
    pub cell: f64,
    pub ncols: usize,
    pub nrows: usize,
}

impl Grid {
    /// Cell values rows north to south from `h(lat, lon)` at each centre.
    pub fn values(&self, h: impl Fn(f64, f64) -> f64) -> Vec<f64> {
        (0..self.nrows * self.ncols)
            .map(|i| {
                let (r, c) = (i / self.ncols, i % self.ncols);
                let lat = self.north - (r as f64 + 0.5) * self.cell;
                let lon = self.west + (c as f64 + 0.5) * self.cell;
                h(lat, lon)
            })
            .collect()
    }
}

/// A plane rising `grade` (rise over run) northwards from `base` metres at latitude `lat0`.
pub(super) fn plane(grade: f64, lat0: f64, base: f64) -> impl Fn(f64, f64) -> f64 {
    move |lat, _| base + grade * (lat - lat0) * M_PER_DEG
}

/// Writes an ESRI ASCII grid (corner registration), `nodata` cells as given.
pub(super) fn write_asc(path: &Path, g: &Grid, values: &[f64], nodata: Option<f64>) {
    let mut s = format!(
        "ncols {}\nnrows {}\nxllcorner {}\nyllcorner {}\ncellsize {}\n",
        g.ncols,
        g.nrows,
        g.west,
        g.north - g.cell * g.nrows as f64,
        g.cell
    );
    if let Some(v) = nodata {
        s += &format!("NODATA_value {v}\n");
    }
    for row in values.chunks(g.ncols) {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:.3}")).collect();
        s += &cells.join(" ");
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

/// Writes a one-band GeoTIFF of sample type `C` placed by pixel scale and tie point (pixel is
/// area), with the geokeys `keys` (`(key, value)`) and a GDAL_NODATA text.
pub(super) fn write_tif<C: colortype::ColorType>(
    path: &Path,
    g: &Grid,
    data: &[C::Inner],
    keys: &[(u16, u16)],
    nodata: Option<&str>,
) where
    [C::Inner]: TiffValue,
{
    let mut file = std::fs::File::create(path).unwrap();
    let mut enc = TiffEncoder::new(&mut file).unwrap();
    let mut img = enc.new_image::<C>(g.ncols as u32, g.nrows as u32).unwrap();
    let scale = [g.cell, g.cell, 0.0];
    let tie = [0.0, 0.0, 0.0, g.west, g.north, 0.0];
    let mut dir: Vec<u16> = vec![1, 1, 0, keys.len() as u16];
    for &(k, v) in keys {
        dir.extend_from_slice(&[k, 0, 1, v]);
    }
    img.encoder()
        .write_tag(Tag::ModelPixelScaleTag, &scale[..])
        .unwrap();
    img.encoder()
        .write_tag(Tag::ModelTiepointTag, &tie[..])
        .unwrap();
    img.encoder()
        .write_tag(Tag::GeoKeyDirectoryTag, &dir[..])
        .unwrap();
    if let Some(n) = nodata {
        img.encoder().write_tag(Tag::GdalNodata, n).unwrap();
    }
    img.write_data(data).unwrap();
}

/// Geographic JGD2011, pixel is area.
pub(super) const JGD2011: [(u16, u16); 3] = [(1024, 2), (1025, 1), (2048, 6668)];

/// A 40 × 40 grid of 0.0005° cells around 35.0 N 139.0 E.
const AROUND: Grid = Grid {
    west: 138.99,
    north: 35.01,
    cell: 0.0005,
    ncols: 40,
    nrows: 40,
};

fn read(path: &Path) -> Dem {
    Dem::read(path, MemoryLimit::default()).unwrap()
}

#[test]
fn ascii_and_geotiff_grids_give_the_heights_of_their_plane() {
    let dir = tempfile::tempdir().unwrap();
    let h = plane(0.08, 35.0, 40.0);
    let v = AROUND.values(&h);
    let asc = dir.path().join("plane.asc");
    write_asc(&asc, &AROUND, &v, Some(-9999.0));
    let f32s: Vec<f32> = v.iter().map(|&x| x as f32).collect();
    let tif32 = dir.path().join("plane32.tif");
    write_tif::<colortype::Gray32Float>(&tif32, &AROUND, &f32s, &JGD2011, Some("-9999"));
    let tif64 = dir.path().join("plane64.tiff");
    write_tif::<colortype::Gray64Float>(&tif64, &AROUND, &v, &[(2048, 4326)], None);
    let i16s: Vec<i16> = v.iter().map(|&x| x.round() as i16).collect();
    let tif16 = dir.path().join("plane16.tif");
    write_tif::<colortype::GrayI16>(&tif16, &AROUND, &i16s, &[(2048, 4612)], None);
    let i32s: Vec<i32> = v.iter().map(|&x| x.round() as i32).collect();
    let tifi32 = dir.path().join("planei32.tif");
    write_tif::<colortype::GrayI32>(&tifi32, &AROUND, &i32s, &JGD2011, None);
    // Pixel is point: the tie point is the first cell's centre.
    let centred = Grid {
        west: AROUND.west + AROUND.cell / 2.0,
        north: AROUND.north - AROUND.cell / 2.0,
        ..AROUND
    };
    let tifpt = dir.path().join("point.tif");
    let keys = [(1024, 2), (1025, 2), (2048, 6668)];
    write_tif::<colortype::Gray32Float>(&tifpt, &centred, &f32s, &keys, None);
    let grids = [
        (read(&tifpt), 0.01),
        (read(&asc), 0.01),
        (read(&tif32), 0.01),
        (read(&tif64), 1e-4),
        (read(&tif16), 0.51),
        (read(&tifi32), 0.51),
    ];
    // Points between the outermost cell centres, where bilinear is exact on a plane.
    for i in 0..50 {
        let p = LatLon::new(
            34.9905 + 0.019 * (i as f64 * 0.37).fract(),
            138.9905 + 0.019 * (i as f64 * 0.61).fract(),
        );
        for (g, tol) in &grids {
            let got = g.elevation(p).unwrap();
            let want = h(p.lat, p.lon);
            assert!(
                (got - want).abs() < *tol,
                "{}: {p:?}: {got} vs {want}",
                g.file()
            );
        }
    }
    for (g, _) in &grids {
        assert_eq!(g.elevation(LatLon::new(35.011, 139.0)), None);
        assert_eq!(g.elevation(LatLon::new(35.0, 138.989)), None);
    }
}

/// A street along the meridian 139.0 E from `south` to `north`, in `pieces` segments.
fn meridian_street(south: f64, north: f64, pieces: u32) -> Graph {
    let nodes = (0..=pieces)
        .map(|i| {
            LatLon::new(
                south + (north - south) * f64::from(i) / f64::from(pieces),
                139.0,
            )
        })
        .collect();
    Graph::from_parts(nodes, (0..pieces).map(|i| (i, i + 1)).collect())
}

#[test]
fn a_street_up_the_plane_costs_toblers_ratio_each_way() {
    let dir = tempfile::tempdir().unwrap();
    for grade in [0.02, 0.05, 0.10, 0.15] {
        let v = AROUND.values(plane(grade, 35.0, 30.0));
        let asc = dir.path().join("g.asc");
        write_asc(&asc, &AROUND, &v, None);
        let tif = dir.path().join("g.tif");
        let f32s: Vec<f32> = v.iter().map(|&x| x as f32).collect();
        write_tif::<colortype::Gray32Float>(&tif, &AROUND, &f32s, &JGD2011, None);
        for dem in [read(&asc), read(&tif)] {
            // One segment of about 1.1 km (sampled cell by cell) and a street of 20 short ones.
            for g in [
                meridian_street(34.995, 35.005, 1),
                meridian_street(34.995, 35.005, 20),
            ] {
                let flat: f64 = (0..g.edges().len()).map(|e| g.length_m(e)).sum();
                let (g, stats) = hill_costs(g, &dem).unwrap();
                let up: f64 = (0..g.edges().len()).map(|e| g.cost_from(e, e as u32)).sum();
                let down: f64 = (0..g.edges().len())
                    .map(|e| g.cost_from(e, e as u32 + 1))
                    .sum();
                assert!(up > flat && up > down, "{grade}: {up} {down} {flat}");
                let tobler = tobler_kmh(-grade) / tobler_kmh(grade);
                assert!((up / down - tobler).abs() < 1e-3, "{grade}: {}", up / down);
                assert!((up / flat - flat_factor(grade)).abs() < 1e-3);
                assert!((down / flat - flat_factor(-grade)).abs() < 1e-3);
                let rise = grade * 0.01 * M_PER_DEG;
                assert!((stats.max_m - stats.min_m - rise).abs() < 0.01);
            }
        }
    }
}
