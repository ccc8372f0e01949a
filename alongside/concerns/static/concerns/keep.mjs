// Keeps what a volunteer has chosen and typed on the "Raise a concern" form in this browser (localStorage), so
// that a lost connection or a closed tab loses nothing: coming back to the form puts it all back, the one-time key
// included, so that sending again still makes one concern. The sent page clears it. Without this script the form
// works the same; the server never loses a field it was sent.
const form = document.querySelector("form[data-keep]");
const clear = document.querySelector("[data-keep-clear]");

if (clear) {
  localStorage.removeItem(`alongside-concern-${clear.dataset.keepClear}`);
}

const CHOICES = ["person", "kind", "urgency"];
const TEXT = ["words", "form_key"];

function inputs(name) {
  return [...form.querySelectorAll(`[name="${name}"]`)];
}

function valueOf(name) {
  const found = inputs(name);
  const chosen = found.find((input) => input.type === "radio" && input.checked);
  if (chosen) return chosen.value;
  const other = found.find((input) => input.type !== "radio");
  return other ? other.value : "";
}

function setValue(name, value) {
  for (const input of inputs(name)) {
    if (input.type === "radio") input.checked = input.value === value;
    else input.value = value;
  }
}

if (form) {
  const key = `alongside-concern-${form.dataset.keep}`;
  const untouched =
    CHOICES.every((name) => !valueOf(name)) && !valueOf("words") && !form.querySelector(".nhsuk-error-message");
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    saved = null;
  }
  if (saved && untouched) {
    for (const name of [...CHOICES, ...TEXT]) {
      if (typeof saved[name] === "string" && saved[name] !== "") setValue(name, saved[name]);
    }
  }
  const save = () => {
    const values = {};
    for (const name of [...CHOICES, ...TEXT]) values[name] = valueOf(name);
    try {
      localStorage.setItem(key, JSON.stringify(values));
    } catch {
      // private browsing or a full store: the form still works without it
    }
  };
  form.addEventListener("change", save);
  form.addEventListener("input", save);
}
