#![no_main]
//! See b12_cramp_check::robustness::fhir_response.
libfuzzer_sys::fuzz_target!(|data: &[u8]| b12_cramp_check::robustness::fhir_response(data));
