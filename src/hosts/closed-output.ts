/**
 * A reader that went away (`s3-backup verify … 2>&1 | head -2`): EPIPE on stdout or stderr. As SIGPIPE stops a C
 * tool, it stops the run — but cleanly: the run is cancelled, so what it created (a download, an unfinished upload)
 * is removed, where an unhandled stream error would end the process on the spot and leave it all behind.
 */
export function onClosedOutput(stop: () => void): () => void {
  // every error of the two streams is handled here (a later write to a closed pipe fails again): none may crash the run
  const handler = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') stop();
  };
  const streams = [process.stdout, process.stderr];
  for (const s of streams) s.on('error', handler);
  return () => {
    for (const s of streams) s.off('error', handler);
  };
}
