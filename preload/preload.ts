/*
 * The preload of every station window: contextBridge only. It exposes `window.stationApi`
 * (named functions returning Results, subscriptions returning unsubscribe) and `window.kioskExit`
 * (the exit PIN of a kiosk or full-screen display) and nothing else — never ipcRenderer, never an
 * IPC event object. Runs sandboxed, so its bundle (out/electron/preload.cjs) may require nothing
 * but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createStationBridge } from './bridge';
import { createKioskExitBridge } from './kiosk-exit-bridge';

contextBridge.exposeInMainWorld('stationApi', createStationBridge(ipcRenderer));
contextBridge.exposeInMainWorld('kioskExit', createKioskExitBridge(ipcRenderer));
