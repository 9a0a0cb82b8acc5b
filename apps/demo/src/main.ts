import { defaultFigure, figures } from './figures.js';
import { readParam } from './url-state.js';

const nav = document.getElementById('nav') as HTMLElement;
const app = document.getElementById('app') as HTMLElement;
const current = readParam('fig') ?? defaultFigure;

for (const f of figures) {
  const a = document.createElement('a');
  a.href = `?fig=${f.id}`;
  a.textContent = f.title;
  if (f.id === current) a.setAttribute('aria-current', 'page');
  nav.append(a);
}

const figure = figures.find((f) => f.id === current) ?? figures.find((f) => f.id === defaultFigure)!;
app.dataset['figure'] = figure.id;
figure
  .load()
  .then((m) => {
    m.mount(app);
    app.dataset['ready'] = 'true';
  })
  .catch((e: unknown) => {
    app.textContent = `Could not load the figure: ${String(e)}`;
    throw e;
  });
