// The NHS.UK conditional reveal for radios, without aria-expanded on the radio (which axe refuses on a radio:
// alphagov/govuk-frontend#979, the reason GOV.UK Frontend dropped it). Each radio names the block it reveals with
// aria-controls; the block shows while its radio is chosen. Without JavaScript every block shows.
for (const group of document.querySelectorAll("[data-alongside-reveal]")) {
  const radios = [...group.querySelectorAll('input[type="radio"][aria-controls]')];
  const sync = () => {
    for (const radio of radios) {
      document.getElementById(radio.getAttribute("aria-controls"))
        ?.classList.toggle("nhsuk-radios__conditional--hidden", !radio.checked);
    }
  };
  group.addEventListener("change", sync);
  sync();
}
