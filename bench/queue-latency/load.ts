import WebSocket from 'ws';

/**
 * The other 99 (or N) TVs of the issue-to-display bench, in a process of their own so their
 * parsing does not share the measuring client's event loop. Each parses every push like a display
 * does; the parent learns how many `queue.changed` pushes they saw, to check they were all served.
 */
const [url, count] = [process.argv[2]!, Number(process.argv[3])];
let changed = 0;
const sockets = await Promise.all(
  Array.from(
    { length: count },
    () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${url}/api?role=display`);
        ws.on('message', (data) => {
          if ((JSON.parse(data.toString()) as { event?: string }).event === 'queue.changed') changed++;
        });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      }),
  ),
);
process.send!({ ready: sockets.length });
process.on('message', (m: { report?: boolean }) => {
  if (m.report) process.send!({ changed });
});
process.on('disconnect', () => process.exit(0));
