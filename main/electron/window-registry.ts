import type { Role } from '@common/api/roles';
import type { CallerContext } from '../services/caller';

/**
 * Which role and counter each of our windows is, by webContents id. The IPC adapter and the
 * permission handlers ask it; the payload of a call never decides. One CallerContext per window,
 * kept for its life, so a staff login persists across that window's calls. Pure (no electron).
 */
export class WindowRegistry {
  private readonly contexts = new Map<number, CallerContext>();

  register(webContentsId: number, role: Role, windowNo: number | null): CallerContext {
    const ctx: CallerContext = {
      connectionId: `ipc:${webContentsId}`,
      role,
      windowNo,
      source: `ipc:${webContentsId}`,
      session: null,
    };
    this.contexts.set(webContentsId, ctx);
    return ctx;
  }

  unregister(webContentsId: number): void {
    this.contexts.delete(webContentsId);
  }

  contextFor(webContentsId: number): CallerContext | null {
    return this.contexts.get(webContentsId) ?? null;
  }

  roleOf(webContentsId: number): Role | null {
    return this.contexts.get(webContentsId)?.role ?? null;
  }

  get size(): number {
    return this.contexts.size;
  }
}
