import { createPortal } from 'react-dom';
import '../shifts/shifts.css';

/**
 * The page that window.print() (and Electron's printToPDF) prints: a container directly under
 * <body>, outside the app root. shifts.css hides it on screen and hides everything else under
 * @media print, so the same stylesheet prints just this page in browser mode and in Electron.
 * `fragment` is HTML built by the backend's pure renderers, where every value is escaped; its
 * <style> is scoped to the page's own classes (allowed by the CSP's style-src 'unsafe-inline').
 */
export function PrintPortal({ fragment }: { fragment: string }) {
  return createPortal(
    <div
      className="print-root"
      data-testid="print-root"
      dangerouslySetInnerHTML={{ __html: fragment }}
    />,
    document.body,
  );
}
