#![no_main]
//! See b12_cramp_check::robustness::share_code.
libfuzzer_sys::fuzz_target!(|data: &[u8]| b12_cramp_check::robustness::share_code(data));
