/** The console's entry: its stylesheet (a file, as the CSP requires) and the shell element. */
import './styles.css';
import './app.js';
