// What every representation builder reads: the emulator's origin (every URL in a body points at
// it, so clients that follow links stay local) and its state.
import type { EmulatorState } from "../state.js";

export interface View {
  base: string;
  state: EmulatorState;
}
