import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installTouchHygiene } from './touchHygiene';
import { startHeartbeat } from './heartbeat';
import './fonts';
import './styles/base.css';
import './styles/screens.css';

installTouchHygiene();
startHeartbeat();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
