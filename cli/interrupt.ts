// Ctrl-C during training: the first asks the loop to save a checkpoint and stop; a second one
// (while that save is under way, or if the user will not wait) quits at once with 130.

/** The stop flag the training loop reads between steps. */
export interface StopFlag {
  requested: boolean;
}

/** A SIGINT listener over `stop`; `exit` and `say` are the process's, replaceable in tests. */
export function interruptHandler(stop: StopFlag, exit: (code: number) => void = (c) => process.exit(c), say: (line: string) => void = (l) => process.stderr.write(l)): () => void {
  return () => {
    if (stop.requested) {
      exit(130);
      return;
    }
    stop.requested = true;
    say("\nstopping: saving a checkpoint (Ctrl-C again to quit at once)\n");
  };
}
