/**
 * Turns each `[data-sp-map]` block (from `ServiceMap.astro`) into a Leaflet map above its list
 * of places. Everything is optional: without this script, or if it fails, the numbered list is
 * the whole story.
 *
 * - Markers are numbered like the list, focusable buttons named after the place; Enter or Space
 *   opens a popup and moves focus to its link; Escape closes it and focus returns to the marker.
 * - Zooming and moving use real buttons above the map: nothing needs dragging (WCAG 2.5.7).
 * - Tiles come from `data-tile-url`; if they cannot load, the markers still show on a plain
 *   background and a note says so.
 * - With `prefers-reduced-motion`, nothing animates.
 * - The current zoom is mirrored into `data-zoom` on the block, for tests and debugging.
 *
 * No inline styles or scripts are injected: Leaflet only changes styles through the CSSOM, which
 * the Content-Security-Policy (`style-src 'self'`) allows.
 */
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';

type MapMarker = { id: string; name: string; href: string; lat: number; lng: number; label?: string };

/** A DivIcon that names its element, so markers and clusters have accessible names. */
class NamedDivIcon extends L.DivIcon {
  constructor(
    options: L.DivIconOptions,
    private readonly accessibleName: string,
  ) {
    super(options);
  }

  override createIcon(oldIcon?: HTMLElement): HTMLElement {
    const element = super.createIcon(oldIcon);
    element.setAttribute('aria-label', this.accessibleName);
    return element;
  }
}

function readMarkers(block: HTMLElement): MapMarker[] {
  const data = block.querySelector('script[data-sp-map-markers]');
  try {
    const parsed: unknown = JSON.parse(data?.textContent ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (marker): marker is MapMarker =>
        typeof marker === 'object' &&
        marker !== null &&
        typeof marker.name === 'string' &&
        typeof marker.href === 'string' &&
        /^[/#]/.test(marker.href) &&
        !marker.href.startsWith('//') &&
        Number.isFinite(marker.lat) &&
        Number.isFinite(marker.lng),
    );
  } catch {
    return [];
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function enhance(block: HTMLElement) {
  const markers = readMarkers(block);
  const enhanced = block.querySelector<HTMLElement>('[data-sp-map-enhanced]');
  const canvas = block.querySelector<HTMLElement>('[data-sp-map-canvas]');
  if (markers.length === 0 || !enhanced || !canvas) return;
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const tileUrl = block.dataset.tileUrl ?? '';
  const attribution = block.dataset.attribution ?? '';

  enhanced.hidden = false;
  const map = L.map(canvas, {
    zoomControl: false, // replaced by labelled buttons above the map
    scrollWheelZoom: false, // the page scrolls as usual; zoom with the buttons or pinch
    dragging: !L.Browser.mobile, // one finger scrolls the page on phones; pinch zooms
    zoomAnimation: !reduceMotion,
    fadeAnimation: !reduceMotion,
    markerZoomAnimation: !reduceMotion,
    minZoom: 8,
    maxZoom: 18,
  });
  if (reduceMotion) {
    // Leaflet animates pans (auto-panning to a popup, panBy, setView) unless told each time.
    const panBy = map.panBy.bind(map);
    const setView = map.setView.bind(map);
    map.panBy = (offset, options) => panBy(offset, { ...options, animate: false });
    map.setView = (center, zoom, options) => setView(center, zoom, { ...options, animate: false });
  }
  map.attributionControl.setPrefix(false);

  const tiles = L.tileLayer(tileUrl, { attribution: escapeHtml(attribution), maxZoom: 19 });
  tiles.on('tileerror', () => block.classList.add('sp-map--no-tiles'));
  tiles.addTo(map);

  // Keyboard users get focus moved into popups; pointer users do not.
  let keyboard = false;
  canvas.addEventListener('keydown', () => (keyboard = true), true);
  canvas.addEventListener('pointerdown', () => (keyboard = false), true);
  // Escape closes an open popup wherever focus is in the map (Leaflet only listens on the map itself).
  let popupOpen = false;
  map.on('popupopen', () => (popupOpen = true));
  map.on('popupclose', () => (popupOpen = false));
  canvas.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && popupOpen) {
      event.preventDefault();
      map.closePopup();
    }
  });

  const cluster = L.markerClusterGroup({
    maxClusterRadius: 40,
    animate: !reduceMotion,
    showCoverageOnHover: false,
    iconCreateFunction: (group) => {
      const count = group.getChildCount();
      return new NamedDivIcon(
        { html: `<span>${count}</span>`, className: 'sp-map-cluster', iconSize: [40, 40] },
        `${count} places close together: press Enter to zoom in to them`,
      );
    },
  });

  const layers = markers.map((place, index) => {
    const number = String(index + 1);
    const name = `${number}. ${place.name}${place.label ? `, ${place.label}` : ''}`;
    const marker = L.marker([place.lat, place.lng], {
      icon: new NamedDivIcon(
        { html: `<span>${number}</span>`, className: 'sp-map-marker', iconSize: [32, 32], popupAnchor: [0, -16] },
        name,
      ),
      keyboard: true,
      autoPanOnFocus: false,
      riseOnHover: true,
    });
    const content = element('div', 'sp-map-popup');
    const heading = element('p', 'sp-map-popup__name');
    const link = element('a', '', place.name);
    link.href = place.href;
    heading.append(link);
    content.append(heading);
    if (place.label) content.append(element('p', 'sp-map-popup__label', place.label));
    marker.bindPopup(content, { autoPanPadding: [24, 24] });

    marker.on('add', () => {
      const icon = marker.getElement();
      if (!icon) return;
      // Keep a focused marker in view (WCAG 2.4.11), without animation when motion is reduced.
      icon.addEventListener('focus', () => {
        if (!map.getBounds().pad(-0.05).contains(marker.getLatLng())) {
          map.panTo(marker.getLatLng(), { animate: !reduceMotion });
        }
      });
      // role=button answers Space as well as Enter.
      icon.addEventListener('keydown', (event) => {
        if (event.key === ' ') {
          event.preventDefault();
          keyboard = true;
          marker.openPopup();
        }
      });
    });
    marker.on('popupopen', () => {
      if (keyboard) link.focus({ preventScroll: true });
    });
    marker.on('popupclose', () => {
      const active = document.activeElement;
      if (!active || active === document.body || content.contains(active) || !active.isConnected) {
        marker.getElement()?.focus({ preventScroll: true });
      }
    });
    return marker;
  });
  cluster.addLayers(layers);
  map.addLayer(cluster);

  const bounds = L.latLngBounds(markers.map((place) => [place.lat, place.lng] as [number, number]));
  const showAll = () => {
    if (markers.length === 1) map.setView(bounds.getCenter(), 15);
    else map.fitBounds(bounds, { padding: [32, 32], maxZoom: 16 });
  };
  showAll();

  const buttons = block.querySelectorAll<HTMLButtonElement>('[data-sp-map-action]');
  const updateState = () => {
    block.dataset.zoom = String(map.getZoom());
    const centre = map.getCenter();
    block.dataset.centre = `${centre.lat.toFixed(5)},${centre.lng.toFixed(5)}`;
    for (const button of buttons) {
      const action = button.dataset.spMapAction;
      const limit =
        (action === 'zoom-in' && map.getZoom() >= map.getMaxZoom()) ||
        (action === 'zoom-out' && map.getZoom() <= map.getMinZoom());
      // aria-disabled rather than disabled, so focus stays on the button.
      button.setAttribute('aria-disabled', String(limit));
    }
  };
  map.on('zoomend moveend', updateState);
  updateState();

  const step = () => {
    const size = map.getSize();
    return [Math.round(size.x / 3), Math.round(size.y / 3)] as const;
  };
  for (const button of buttons) {
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-disabled') === 'true') return;
      const [dx, dy] = step();
      const animate = !reduceMotion;
      switch (button.dataset.spMapAction) {
        case 'zoom-in':
          map.zoomIn(1, { animate });
          break;
        case 'zoom-out':
          map.zoomOut(1, { animate });
          break;
        case 'up':
          map.panBy([0, -dy], { animate });
          break;
        case 'down':
          map.panBy([0, dy], { animate });
          break;
        case 'left':
          map.panBy([-dx, 0], { animate });
          break;
        case 'right':
          map.panBy([dx, 0], { animate });
          break;
        case 'reset':
          showAll();
          break;
      }
    });
  }
  block.dataset.ready = 'true';
}

for (const block of document.querySelectorAll<HTMLElement>('[data-sp-map]')) {
  try {
    enhance(block);
  } catch (error) {
    // The list below the map still has every place.
    block.querySelector<HTMLElement>('[data-sp-map-enhanced]')?.setAttribute('hidden', '');
    console.error('The map could not be shown', error);
  }
}
