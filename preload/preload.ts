/*
 * The preload of every station window: contextBridge only. It exposes `window.stationApi`
 * (named functions returning Results, subscriptions returning unsubscribe) and nothing else —
 * never ipcRenderer, never an IPC event object. Runs sandboxed, so its bundle
 * (out/electron/preload.cjs) may require nothing but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createStationBridge } from './bridge';

contextBridge.exposeInMainWorld('stationApi', createStationBridge(ipcRenderer));
