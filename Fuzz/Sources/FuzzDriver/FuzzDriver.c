// SwiftPM links an executable target with `main` defined as `<Target>_main`; these hand
// control to libFuzzer's driver, which calls the target's LLVMFuzzerTestOneInput.
#include "FuzzDriver.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int runFuzzer(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}

int FuzzPipeline_main(int argc, char **argv) { return runFuzzer(argc, argv); }
int FuzzTime_main(int argc, char **argv) { return runFuzzer(argc, argv); }
