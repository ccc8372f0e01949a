// Keeps what a volunteer has chosen and typed on the "Raise a concern" form in this browser (localStorage), so
// that a lost connection or a closed tab loses nothing: coming back to the form puts it all back, the one-time key
// included, so that sending again still makes one concern. The sent page clears it. Without this script the form
// works the same; the server never loses a field it was sent.
const form = document.querySelector("form[data-keep]");
const clear = document.querySelector("[data-keep-clear]");

if (clear) {
  localStorage.removeItem(`alongside-concern-${clear.dataset.keepClear}`);
}

if (form) {
  const key = `alongside-concern-${form.dataset.keep}`;
  const fields = ["person", "kind", "urgency", "words", "form_key"];
  const chosen = () => fields.some((name) => {
    const field = form.elements[name];
    if (!field || name === "form_key") return false;
    return field instanceof RadioNodeList ? Boolean(field.value) : Boolean(field.value && field.type !== "hidden");
  });
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    saved = null;
  }
  if (saved && !chosen() && !form.querySelector(".nhsuk-error-message")) {
    for (const name of fields) {
      const field = form.elements[name];
      if (field && saved[name] !== undefined && saved[name] !== "") field.value = saved[name];
    }
  }
  const save = () => {
    const values = {};
    for (const name of fields) {
      const field = form.elements[name];
      if (field) values[name] = field.value;
    }
    try {
      localStorage.setItem(key, JSON.stringify(values));
    } catch {
      // private browsing or a full store: the form still works without it
    }
  };
  form.addEventListener("change", save);
  form.addEventListener("input", save);
}
