import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../reports/pdf-renderer';

/**
 * The app's printer for operations reports: Electron's printToPDF on a hidden window that runs no
 * script and reaches nothing (the report is one self-contained page), closed after each report.
 */
export function electronPdfRenderer(): PdfRenderer {
  return {
    name: 'electron',
    async print(html) {
      const win = new BrowserWindow({
        show: false,
        // A session of its own: the request filter below must not touch the app windows' session.
        webPreferences: {
          partition: 'report-pdf',
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
        },
      });
      try {
        win.webContents.session.webRequest.onBeforeRequest((details, callback) =>
          callback({ cancel: !details.url.startsWith('data:') }),
        );
        await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
        return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        win.destroy();
      }
    },
  };
}
