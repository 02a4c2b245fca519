//! Who lives within reach of which site: great-circle distances or a cost table
//! ([`Distances`]), an R-tree, coverage lists, and the extent of the demand data.

mod coverage;
mod distances;
mod extent;
mod groups;
mod nearest;
mod sphere;

pub use coverage::{check_size, Coverage, BYTES_PER_PAIR, SOLVE_BYTES_PER_PAIR};
pub use distances::Distances;
pub use extent::{DataExtent, EdgeStatus};
pub use groups::{CoverGroups, Grouped};
pub use nearest::Cloud;
pub(crate) use sphere::to_xyz;
pub use sphere::{chord_sq, haversine_m, SphereIndex, EARTH_RADIUS_M};
