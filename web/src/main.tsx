// Entry point of the dashboard bundle: styles, chart setup, and the app in #app.

import './styles/base.css';
import './styles/frame.css';
import './styles/figures.css';
import './styles/tables.css';
import './styles/chat.css';
import './charts/chart-setup.js';
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element.');
render(<App />, root);
