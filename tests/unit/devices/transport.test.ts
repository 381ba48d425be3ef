import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../../devices/transport/tcp-transport';
import { DeviceError, readUntil } from '../../../devices/transport/transport';
import { FakeTransport, hex, nextEvent } from './helpers';

describe('readUntil', () => {
  it('accumulates chunks until the predicate holds', async () => {
    const transport = new FakeTransport();
    await transport.open();
    const reply = readUntil(transport, (bytes) => bytes.length >= 3, 1000);
    transport.push(hex('01'));
    transport.push(hex('02 03'));
    expect(Array.from(await reply)).toEqual([1, 2, 3]);
  });

  it('rejects with a typed timeout', async () => {
    const transport = new FakeTransport();
    await transport.open();
    const reply = readUntil(transport, () => false, 20);
    transport.push(hex('01'));
    await expect(reply).rejects.toMatchObject({ name: 'DeviceError', code: 'timeout' });
  });

  it('rejects with disconnected when the link drops', async () => {
    const transport = new FakeTransport();
    await transport.open();
    const reply = readUntil(transport, () => false, 1000);
    transport.drop();
    const error = await reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe('disconnected');
  });

  it('a throwing predicate becomes a protocol error', async () => {
    const transport = new FakeTransport();
    await transport.open();
    const reply = readUntil(
      transport,
      () => {
        throw new Error('bad frame');
      },
      1000,
    );
    transport.push(hex('01'));
    await expect(reply).rejects.toMatchObject({ code: 'protocol', message: 'bad frame' });
  });
});

describe('TcpTransport', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const listen = async (onSocket: (socket: net.Socket) => void): Promise<number> => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      onSocket(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    );
    return (server.address() as net.AddressInfo).port;
  };

  it('writes and receives bytes both ways', async () => {
    const port = await listen((socket) => socket.on('data', (chunk) => socket.write(chunk.reverse())));
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    cleanups.push(() => transport.close());
    await transport.open();
    expect(transport.isOpen).toBe(true);
    const reply = readUntil(transport, (bytes) => bytes.length >= 3, 2000);
    await transport.write(hex('01 02 03'));
    expect(Array.from(await reply)).toEqual([3, 2, 1]);
  });

  it('open fails with open_failed when nothing listens', async () => {
    const port = await listen(() => undefined);
    await cleanups.pop()?.(); // port now closed
    const transport = new TcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 2000 });
    await expect(transport.open()).rejects.toMatchObject({ code: 'open_failed' });
    expect(transport.isOpen).toBe(false);
  });

  it('reports an unexpected close as disconnected, and writes then fail typed', async () => {
    const port = await listen((socket) => socket.on('data', () => socket.destroy()));
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    await transport.open();
    const closed = nextEvent<DeviceError | undefined>((listener) => transport.onClose(listener));
    await transport.write(hex('00'));
    const error = await closed;
    expect(error?.code).toBe('disconnected');
    await expect(transport.write(hex('00'))).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('our own close() is not reported as an error', async () => {
    const port = await listen(() => undefined);
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    await transport.open();
    const closed = nextEvent<DeviceError | undefined>((listener) => transport.onClose(listener));
    await transport.close();
    expect(await closed).toBeUndefined();
    expect(transport.isOpen).toBe(false);
  });
});
