/** The call text shown and spoken on the display: "请 A001 号到 3 号窗口办理"; recalls add 重呼. */
export function callAnnouncement(ticketNo: string, windowNo: number, recall = false): string {
  return `${recall ? '重呼，' : ''}请 ${ticketNo} 号到 ${windowNo} 号窗口办理`;
}
