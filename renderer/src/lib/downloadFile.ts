/** Saves `text` as a file through the browser's download (works in Electron and browser mode). */
export function downloadFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a moment later: some engines read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
