/**
 * Search page enhancements: results as you type (from /api/search) and "Use my location".
 * The page works fully without this script: the form submits and the server renders results.
 */
type Result = {
  slug: string;
  name: string;
  summary: string;
  organisation: { name: string } | null;
  free: boolean;
  status: string;
  stale: boolean;
  reach: string | null;
  distance?: { text: string };
  venue?: { postcode: string };
  /** The card's "what's on" line ("Next: Today 2pm", "Closed until 5 January"). */
  whatsOn?: { text: string; kind: string; notice?: string };
};
type Answer = {
  total: number;
  place: { label: string } | null;
  results: Result[];
  /** What was read from the words, and the words left to match. */
  understood?: { label: string }[];
  words?: string;
};

const form = document.querySelector<HTMLFormElement>('#search-form');
const region = document.querySelector<HTMLElement>('#search-results');
const queryInput = document.querySelector<HTMLInputElement>('#search-q');

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function card(result: Result): HTMLLIElement {
  const item = element('li', 'nhsuk-card nhsuk-card--clickable');
  const body = element('div', 'nhsuk-card__content');
  const heading = element('h3', 'nhsuk-card__heading nhsuk-heading-s');
  const link = element('a', 'nhsuk-card__link', result.name);
  link.href = `/services/${encodeURIComponent(result.slug)}`;
  heading.append(link);
  body.append(heading);
  if (result.organisation) body.append(element('p', 'sp-meta nhsuk-body-s', `By ${result.organisation.name}`));
  const where = result.distance
    ? `${result.distance.text}${result.venue ? ` (${result.venue.postcode})` : ''}`
    : result.reach && result.reach !== 'nearby'
      ? result.reach.charAt(0).toUpperCase() + result.reach.slice(1)
      : '';
  if (where) body.append(element('p', 'nhsuk-body-s nhsuk-u-font-weight-bold', where));
  body.append(element('p', 'nhsuk-card__description', result.summary));
  if (result.whatsOn) {
    const line = element(
      'p',
      'nhsuk-body-s nhsuk-u-font-weight-bold nhsuk-u-margin-bottom-2 sp-whats-on',
      result.whatsOn.text,
    );
    line.dataset.whatsOn = result.whatsOn.kind;
    if (result.whatsOn.notice)
      line.append(element('br'), element('span', 'sp-whats-on__notice', result.whatsOn.notice));
    body.append(line);
  }
  const facts = [result.free ? 'Free' : 'Costs money'];
  if (result.status === 'temporarily-closed') facts.unshift('Temporarily closed');
  if (result.stale) facts.push('Not checked recently');
  body.append(element('p', 'nhsuk-body-s nhsuk-u-margin-bottom-0', facts.join(' · ')));
  item.append(body);
  return item;
}

function render(answer: Answer, query: string) {
  if (!region) return;
  const words = answer.words ?? query;
  const heading = element(
    'h2',
    'nhsuk-u-margin-top-5',
    `${answer.total} ${answer.total === 1 ? 'result' : 'results'}${words ? ` for “${words}”` : ''}${answer.place ? ` near ${answer.place.label}` : ''}`,
  );
  heading.id = 'results-count';
  const list = element('ul', 'sp-card-list');
  list.append(...answer.results.map(card));
  const children: Node[] = [heading];
  const understood = answer.understood ?? [];
  if (understood.length > 0) {
    // The removable chips come with the full page: press Search to get them.
    const labels = understood.map((reading) => reading.label).join(', ');
    children.push(element('p', 'nhsuk-body-s', `Showing: ${labels}. Press Search to remove any of these.`));
  }
  children.push(list);
  if (answer.total === 0) {
    const help = element('p', undefined, 'Nothing matched. Press Search to see suggestions, or ');
    const urgent = element('a', undefined, 'get urgent help');
    urgent.href = '/urgent-help';
    help.append(urgent, document.createTextNode(' if you need help now.'));
    children.push(help);
  } else if (answer.total > answer.results.length) {
    children.push(element('p', 'nhsuk-body-s', 'Press Search to see every result with page links.'));
  }
  region.replaceChildren(...children);
}

let timer: number | undefined;
let controller: AbortController | undefined;

async function instantSearch() {
  if (!form || !queryInput) return;
  const data = new URLSearchParams();
  for (const [name, value] of new FormData(form))
    if (typeof value === 'string' && value.trim() !== '') data.append(name, value);
  controller?.abort();
  controller = new AbortController();
  try {
    const response = await fetch(`/api/search?${data}`, {
      signal: controller.signal,
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return; // the server page explains errors when the form is submitted
    render((await response.json()) as Answer, queryInput.value.trim());
    history.replaceState(null, '', `/search?${data}`);
  } catch {
    // offline or superseded: the form still works
  }
}

queryInput?.addEventListener('input', () => {
  window.clearTimeout(timer);
  timer = window.setTimeout(instantSearch, 300);
});

const locate = document.querySelector<HTMLButtonElement>('#use-my-location');
const locateStatus = document.querySelector<HTMLElement>('#use-my-location-status');
if (locate && form && 'geolocation' in navigator) {
  locate.hidden = false;
  locate.addEventListener('click', () => {
    if (locateStatus) locateStatus.textContent = 'Finding your location…';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        for (const name of ['lat', 'lng']) form.querySelector(`input[name="${name}"]`)?.remove();
        const location = form.querySelector<HTMLInputElement>('#search-location');
        if (location) location.value = '';
        // Rounded to about 100 m before it leaves the device.
        for (const [name, value] of [
          ['lat', position.coords.latitude],
          ['lng', position.coords.longitude],
        ] as const) {
          const input = element('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value.toFixed(3);
          form.append(input);
        }
        form.submit();
      },
      () => {
        if (locateStatus)
          locateStatus.textContent = 'We could not get your location. Enter a postcode or borough instead.';
      },
      { timeout: 10_000, maximumAge: 600_000 },
    );
  });
}
export {};
