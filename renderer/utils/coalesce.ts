/**
 * Coalesce refreshes: at most one call in flight; calls made meanwhile trigger exactly one more run
 * after it (so a burst of `queue.changed` events costs two fetches, not twenty).
 */
export function coalesced(run: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let again = false;
  const trigger = (): Promise<void> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };
  return trigger;
}
