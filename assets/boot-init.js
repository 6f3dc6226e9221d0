// Trunk's initializer for the app (index.html: data-initializer). Trunk's loader fetches
// the WASM itself, reports the bytes received against the WASM's size, and calls these
// hooks; they hand over to assets/boot.js (window.cqhrBoot), which draws the loading
// frame's progress bar and, when the app cannot start, the message naming the browsers
// that work.
export default function initializer() {
  const boot = () => window.cqhrBoot;
  return {
    onProgress: ({ current, total }) => boot()?.progress(current, total),
    onSuccess: () => boot()?.started(),
    onFailure: (error) => boot()?.fail(error),
  };
}
