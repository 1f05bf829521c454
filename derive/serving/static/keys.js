// Ctrl+Enter (Cmd+Enter on a Mac) submits the verify form from anywhere on the page;
// the button says the check is running while the server works.
document.addEventListener("keydown", (event) => {
  const form = document.getElementById("verify-form");
  if (form && (event.ctrlKey || event.metaKey) && event.key === "Enter") {
    event.preventDefault();
    form.requestSubmit();
  }
});
document.addEventListener("submit", (event) => {
  const button = event.target.querySelector("button[type=submit]");
  if (button) { button.disabled = true; button.textContent = "Checking…"; }
});
