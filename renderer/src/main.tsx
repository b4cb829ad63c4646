import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { App } from './App';
import { BridgeProvider } from './api/BridgeProvider';
import { I18nProvider } from './i18n/I18nProvider';
import { UnlockGate } from './features/unlock/UnlockGate';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <BridgeProvider>
        <UnlockGate>
          <App />
        </UnlockGate>
      </BridgeProvider>
    </I18nProvider>
  </StrictMode>,
);
