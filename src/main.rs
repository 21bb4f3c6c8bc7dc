use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(vouch::cli::main())
}
