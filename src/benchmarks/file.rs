//! Reading a published benchmark file into a solve instance, with the capacity rule a
//! benchmark allows (one number for every site: the files have no candidate columns).

use super::{cpmp_instance, pmed_instance, pmedcap_instance, sjc_instance};
use super::{read_cpmp_within, read_pmed_within, read_pmedcap_within, read_sjc_within};
use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::io::text::SourceText;
use crate::param::Param;
use crate::solve::{CapacitySpec, Instance, Model};
use std::path::PathBuf;

/// A published benchmark file, by its folder's convention.
#[derive(Debug, Clone, PartialEq)]
pub enum Benchmark {
    /// OR-Library p-median graph (p from the file unless given).
    Orlib(PathBuf),
    /// OR-Library (Osman–Christofides) capacitated p-median file and the problem number in it.
    Pmedcap(PathBuf, usize),
    /// São José dos Campos point set (Lorena & Pereira).
    Sjc(PathBuf),
    /// Capacitated p-median point set of Lorena & Senne or Stefanello et al. (`n p`, then
    /// `x y Q d`; p from the file unless given).
    Cpmp(PathBuf),
}

/// The instance of a benchmark file, and whether it is solved with capacities: a capacitated
/// p-median file (`pmedcap` or `cpmp`) always is (for p-median and MCLP), the others when `capacity` gives a number.
///
/// Reading keeps the run's `budget`: what the file's header states is checked against the
/// memory limit before it is built, and the deadline is kept while reading and building the
/// matrix (the solve then gets what is left of it).
pub fn benchmark_instance(
    bench: &Benchmark,
    model: Model,
    capacity: Option<&CapacitySpec>,
    budget: Budget,
) -> Result<(Instance, bool)> {
    let (path, problem) = match bench {
        Benchmark::Orlib(p) | Benchmark::Sjc(p) | Benchmark::Cpmp(p) => (p, 1),
        Benchmark::Pmedcap(p, k) => (p, *k),
    };
    let name = path.display().to_string();
    let text = SourceText::read(path, budget)?.text;
    let b = &budget;
    let mut inst = match bench {
        Benchmark::Orlib(_) => pmed_instance(&name, &read_pmed_within(&name, &text, b)?),
        Benchmark::Pmedcap(..) => {
            pmedcap_instance(&name, &read_pmedcap_within(&name, &text, problem, b)?)
        }
        Benchmark::Sjc(_) => sjc_instance(&name, &read_sjc_within(&name, &text, b)?),
        Benchmark::Cpmp(_) => cpmp_instance(&name, read_cpmp_within(&name, &text, b)?),
    };
    let given = match capacity {
        None => false,
        Some(CapacitySpec::Value(v)) => {
            for s in &mut inst.sites {
                s.capacity = Some(*v);
            }
            true
        }
        Some(CapacitySpec::Column(c)) => {
            return Err(Error::param(
                Param::Capacity,
                "a number (benchmark files have no candidate columns)",
                format!("`{c}`"),
            ))
        }
    };
    let capacitated = match bench {
        Benchmark::Pmedcap(..) | Benchmark::Cpmp(_) => {
            matches!(model, Model::Pmedian | Model::Mclp)
        }
        _ => given,
    };
    Ok((inst, capacitated))
}
