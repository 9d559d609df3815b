//! uniffi's bindgen command line, built from the workspace so its version
//! always matches the `uniffi` crate the bindings use:
//! `cargo run -p uniffi-bindgen -- generate --library target/debug/libsobriete_uniffi.so --language kotlin --out-dir OUT`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
