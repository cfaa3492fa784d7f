// The layout worker (src/worker.rs): a wasm of its own, without the interface, lays out a large
// network while the page stays free. A file beside the widget's others: a worker runs a script
// of the same origin, never a blob. Messages that come before the wasm is ready wait for it.
// Should anything fail (the wasm not found, a trap), the page is told with a message that is no
// picture: it then lays the network out itself.
import init, { layout_worker } from './carte-layout.js';

const ready = init({ module_or_path: new URL('carte-layout_bg.wasm', import.meta.url) });
addEventListener('message', async (event) => {
  try {
    await ready;
    layout_worker(event.data);
  } catch (error) {
    console.error('carte-layout:', error);
    postMessage(null);
    close();
  }
});
