/**
 * Where the device layer reports faults it survives (a listener that threw, a print-job store that
 * failed): the station's process log once the host has started, standard error before that.
 */
export type DeviceFaultSink = (message: string, error: unknown) => void;

const toStderr: DeviceFaultSink = (message, error) => console.error(message, error);
let sink: DeviceFaultSink = toStderr;

export function reportDeviceFault(message: string, error: unknown): void {
  sink(message, error);
}

/** Route device faults to `next` until the returned function is called. */
export function routeDeviceFaults(next: DeviceFaultSink): () => void {
  sink = next;
  return () => {
    if (sink === next) sink = toStderr;
  };
}
