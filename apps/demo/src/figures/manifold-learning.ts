/** Placeholder: this figure is being written. */
export function mount(root: HTMLElement): void {
  root.innerHTML = '<h2>Coming soon</h2>';
}
