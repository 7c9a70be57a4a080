/** The console's entry: its stylesheets (files, bundled into one, as the CSP requires) and the shell element. */
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/tables.css';
import './styles/screens.css';
import './app.js';
