//! The `mobile-stops` command: parses flags into a plan, calls the library, writes the result.
//! All the work lives in the `mobile_stops` library; this file only wires it together.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
