#![no_main]
//! See b12_cramp_check::robustness::answers_object.
libfuzzer_sys::fuzz_target!(|data: &[u8]| b12_cramp_check::robustness::answers_object(data));
