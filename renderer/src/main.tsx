// One bundle, two screens: "/customer" is the buyer-facing display, everything else the cashier.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { currentScreen, initTransport } from './api/client.js';
import { CashierApp } from './cashier/cashier-app.js';
import { CustomerDisplay } from './customer/customer-display.js';
import './styles/base.css';
import './styles/cashier.css';
import './styles/cashier-tabs.css';
import './styles/import.css';
import './styles/customer.css';

initTransport(); // takes the HTTP token out of the address bar before anything renders
const screen = currentScreen();
document.body.classList.add(`screen-${screen}`);

const root = document.getElementById('root');
if (!root) throw new Error('kassa: #root is missing from index.html');
createRoot(root).render(<StrictMode>{screen === 'customer' ? <CustomerDisplay /> : <CashierApp />}</StrictMode>);
