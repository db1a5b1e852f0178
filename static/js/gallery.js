/* Galleries: each photo opens larger in a dialog, browsable with the keyboard.
 *
 * Progressive enhancement: without this script a gallery is a plain grid of
 * photos with their captions, and nothing is lost. With it, each photo
 * becomes a button; the dialog shows the photo at full width with its
 * caption, "Previous" / "Next" buttons and the arrow keys move through the
 * gallery, Escape or "Close" shut it, and the focus returns to the photo.
 * The dialog's labels come from data-* attributes on <script id="gallery-js">
 * (translated in base.html).
 */
(function () {
    "use strict";
    var script = document.getElementById("gallery-js");
    var galleries = document.querySelectorAll(".gallery");
    if (!galleries.length || !window.HTMLDialogElement || !script) return;
    var text = script.dataset;

    function button(className, label, html) {
        var element = document.createElement("button");
        element.type = "button";
        element.className = className;
        element.setAttribute("aria-label", label);
        element.innerHTML = html;
        return element;
    }

    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", text.label);
    var figure = document.createElement("figure");
    figure.className = "lightbox__figure";
    var image = document.createElement("img");
    image.className = "lightbox__image";
    var caption = document.createElement("figcaption");
    caption.className = "lightbox__caption";
    var counter = document.createElement("p");
    counter.className = "lightbox__counter";
    counter.setAttribute("aria-live", "polite");
    figure.append(image, caption);
    var previous = button("lightbox__previous", text.previous, "&#8249;");
    var next = button("lightbox__next", text.next, "&#8250;");
    var close = button("lightbox__close", text.close, "&times;");
    dialog.append(close, figure, previous, next, counter);
    document.body.append(dialog);

    var photos = [];
    var current = 0;

    function show(index) {
        current = (index + photos.length) % photos.length;
        var photo = photos[current];
        image.src = photo.img.currentSrc || photo.img.src;
        image.alt = photo.img.alt;
        caption.textContent = photo.caption;
        caption.hidden = !photo.caption;
        counter.textContent = text.counter
            .replace("%(number)s", current + 1)
            .replace("%(total)s", photos.length);
    }

    galleries.forEach(function (gallery) {
        var items = [];
        gallery.querySelectorAll("figure").forEach(function (item) {
            var img = item.querySelector("img");
            if (!img) return;
            var figcaption = item.querySelector("figcaption");
            var photo = { img: img, caption: figcaption ? figcaption.textContent.trim() : "" };
            var opener = button("gallery__open", text.open + (img.alt ? ": " + img.alt : ""), "");
            var picture = img.closest("picture") || img;
            picture.replaceWith(opener);
            opener.append(picture);
            opener.addEventListener("click", function () {
                photos = items;
                show(items.indexOf(photo));
                dialog.showModal();
            });
            items.push(photo);
        });
    });

    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
        if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
        if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
    });
    /* A click on the backdrop (outside the photo and buttons) closes too. */
    dialog.addEventListener("click", function (event) {
        if (event.target === dialog) dialog.close();
    });
})();
