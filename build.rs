//! The checks and policy packs under checks/ are compiled into the binary
//! (include_dir). Files it embeds are tracked by rustc, but a file newly added to the
//! directory is not; this makes any change under checks/ rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=checks");
}
