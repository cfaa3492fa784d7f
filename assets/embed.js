// <carte-partenariats>: the Carte des partenariats as a custom element, for any web page.
//
//   <script type="module" src="https://example.org/carte/embed.js"></script>
//   <carte-partenariats src="partenariats.json" org="ave" view="graph" lang="fr" theme="contrast"
//     origins="https://opendata.example.org"></carte-partenariats>
//
// Every attribute is optional (no `src`: the default dataset). `src` may only name a file of the
// page's own site or of this script's, unless `origins` lists its site (docs/EMBED.md). Each element draws in its own
// shadow root, so the host page's styles do not leak in and ours do not leak out. Events
// `carte-ready` and `carte-select` (detail: { type, id }) bubble out of the element.
// The widget's files (wasm, styles, data) are loaded from beside this script: no other server.

const base = new URL('./', import.meta.url).href;
let widget = null;

/** Loads the WebAssembly module once, however many elements the page has. */
function loadWidget() {
  widget ??= import(new URL('carte-partenariats.js', base).href).then(async (module) => {
    await module.default({ module_or_path: new URL('carte-partenariats_bg.wasm', base) });
    return module;
  });
  return widget;
}

class CartePartenariats extends HTMLElement {
  static observedAttributes = ['src', 'org', 'view', 'lang', 'theme', 'origins'];
  #mounted = null;
  #generation = 0;

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#mounted?.destroy();
    this.#mounted = null;
  }

  attributeChangedCallback(name, before, after) {
    if (this.isConnected && before !== after && this.#mounted) this.#render();
  }

  async #render() {
    const generation = ++this.#generation;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!root.querySelector('link[rel=stylesheet]')) {
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = new URL('style.css', base).href;
      root.append(style);
    }
    if (!this.#mounted) this.#showStaticView(root, generation);
    let module;
    try {
      module = await loadWidget();
    } catch (error) {
      root.querySelector('.carte-load-error')?.remove();
      root.append(alertFor(this, 'carte-load-error', 'The partnership map could not be loaded.',
        "La carte des partenariats n'a pas pu être chargée."));
      return;
    }
    // An attribute may have changed while the module loaded: only the latest render mounts.
    if (generation !== this.#generation) return;
    this.#mounted?.destroy();
    root.querySelector('.carte-mount')?.remove();
    const container = document.createElement('div');
    container.className = 'carte-mount';
    root.append(container);
    const attr = (name) => this.getAttribute(name) ?? '';
    this.#mounted = module.mount_embedded(container, this, base, attr('src'), attr('org'), attr('view'), attr('lang'), attr('theme'), origins(attr('origins')));
  }

  // The default map as the build wrote it (picture, figures, links, sources), shown while the
  // module loads; the widget removes it once drawn. Only for the default data, in French.
  async #showStaticView(root, generation) {
    if (this.getAttribute('src') || this.getAttribute('lang') === 'en' || root.querySelector('.carte-static')) return;
    let html;
    try {
      const response = await fetch(new URL('carte-static.html', base));
      if (!response.ok) return;
      html = await response.text();
    } catch {
      return;
    }
    if (generation !== this.#generation || this.#mounted || root.querySelector('.carte-static')) return;
    const template = document.createElement('template');
    template.innerHTML = html;
    // Its links are relative to the widget's files, not to the host page.
    for (const link of template.content.querySelectorAll('a[href]:not([href^="#"])')) {
      link.href = new URL(link.getAttribute('href'), base).href;
    }
    root.insertBefore(template.content, root.querySelector('.carte-mount'));
  }
}

/**
 * Where the element's exports may come from: the page's own site, this script's, and the origins
 * the `origins` attribute lists, each written as browsers write origins (src/core/origin.rs reads
 * them so); an entry that is not an http(s) origin is left out.
 */
function origins(listed) {
  return [location.href, base, ...listed.split(/[\s,]+/)].map((entry) => {
    try {
      const url = new URL(entry);
      return /^https?:$/.test(url.protocol) ? url.origin : '';
    } catch {
      return '';
    }
  }).join(' ');
}

/** A message with role="alert", in the element's language. */
function alertFor(element, className, english, french) {
  const message = document.createElement('p');
  message.className = `alert ${className}`;
  message.setAttribute('role', 'alert');
  message.textContent = element.getAttribute('lang') === 'en' ? english : french;
  return message;
}

// The release wasm stops at a panic (a trap, no Rust hook runs) and its one instance serves every
// element of the page: each says so rather than stay frozen.
function crashed(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  for (const element of document.querySelectorAll('carte-partenariats')) {
    const root = element.shadowRoot;
    if (!root || root.querySelector('.carte-crash')) continue;
    root.prepend(alertFor(element, 'carte-crash',
      'An internal error stopped the map. Reload the page; if the problem persists, please report it.',
      'Une erreur interne a interrompu la carte. Rechargez la page ; si le problème persiste, signalez-le.'));
  }
}

if (!customElements.get('carte-partenariats')) {
  customElements.define('carte-partenariats', CartePartenariats);
  addEventListener('error', (event) => crashed(event.error));
  addEventListener('unhandledrejection', (event) => crashed(event.reason));
}
