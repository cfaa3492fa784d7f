// The sigma.js peer's library bundle: graphology, sigma and ForceAtlas2 (its Web Worker
// supervisor, and inferSettings). Bundled (minified) by bench/peers.mjs into
// target/bench-peers/sigma.js; never shipped.
import Graph from 'graphology';
import Sigma from 'sigma';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';

window.BenchSigma = { Graph, Sigma, FA2Layout, inferSettings: forceAtlas2.inferSettings };
