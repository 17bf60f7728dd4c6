/** The panel's script: picks the view the host asked for (`data-view`) and mounts it. */
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { mountExplain } from './explain';
import { mountToy } from './toy';

const root = document.getElementById('app');
const view = document.body.dataset.view;
if (root && view === 'explain') mountExplain(root);
else if (root && view === 'toy') mountToy(root);
else if (root) root.textContent = `GenMath: unknown view ${String(view)}`;
