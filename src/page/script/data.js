// chain's page: click a party to light up whom it serves (or who serves
// it), with its card beside the diagram. The data is read with JSON.parse
// and every string from it is shown with textContent: nothing from the
// team file is ever run or parsed as markup.
//
// The script is the files of this folder put together in the order
// html.rs names them: data.js (what the page shows) opens the function
// they share, then walk.js (the customer graph), diagram.js (lighting
// boxes up; pan and zoom), panel.js (the card, findings and search), and
// main.js (selecting, and the start), which closes it.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('chain-data').textContent);
  var parties = data.parties;
  var g = data.graph;
  var svg = document.querySelector('#diagram > svg');
  var state = { selected: -1, team: -1, down: true, finding: -1 };

  // The namespace of SVG elements (a name, never fetched).
  var SVG = 'http://www.w3.org/2000/svg';

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

