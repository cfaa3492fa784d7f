// The Cytoscape.js peer's library bundle: cytoscape with the fCoSE layout registered.
// Bundled (minified) by bench/peers.mjs into target/bench-peers/cytoscape.js; never shipped.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);
window.cytoscape = cytoscape;
