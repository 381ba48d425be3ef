/** Base64 from the station API → bytes (exports and attachments travel as base64 in JSON). */
export const base64Bytes = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Hand a file the station sent (base64) to the browser's download, under the name given. */
export function saveBase64File(base64: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([base64Bytes(base64)], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: the download may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
