// claimgraph web app: small progressive enhancements only (the pages work without JS).
// Filter forms re-submit when a <select> changes.
document.addEventListener("DOMContentLoaded", () => {
  for (const sel of document.querySelectorAll("form.filters select")) {
    sel.addEventListener("change", () => sel.form.submit());
  }
});
