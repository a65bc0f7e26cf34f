// Asks before sending a form marked data-confirm (deleting something). Without JavaScript the
// form is sent as it is; the server never depends on this.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
