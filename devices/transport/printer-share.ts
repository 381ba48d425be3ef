/** A Windows printer share, `\\HOST\SHARE` (the printer shared under SHARE, RAW datatype). */
export const isPrinterShare = (path: string): boolean => /^\\\\[^\\/]+\\[^\\/]+$/.test(path);
