// The NHS.UK conditional reveal for a checkbox, as alongside/reveal.mjs does for radios (without aria-expanded,
// which axe refuses): the checkbox names the block it reveals with aria-controls; the block shows while it is
// ticked. The page draws the block open when it holds words already, so nothing typed is ever out of sight;
// without JavaScript the block always shows.
for (const box of document.querySelectorAll('[data-referrals-reveal] input[type="checkbox"][aria-controls]')) {
  box.addEventListener("change", () => {
    document
      .getElementById(box.getAttribute("aria-controls"))
      ?.classList.toggle("nhsuk-checkboxes__conditional--hidden", !box.checked);
  });
}
