export const id = 619;
export const ids = [619];
export const modules = {

/***/ 9619:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   demoCommand: () => (/* binding */ demoCommand)
/* harmony export */ });
const demoCommand = {
    verb: 'demo',
    async run(_raw, ctx) {
        const { runDemo } = await Promise.all(/* import() */[__webpack_require__.e(265), __webpack_require__.e(606), __webpack_require__.e(824), __webpack_require__.e(204), __webpack_require__.e(711)]).then(__webpack_require__.bind(__webpack_require__, 9711));
        const result = await runDemo(ctx.log, ctx.signal);
        return { outputs: {}, summary: '', text: '', json: result, report: `demo passed: ${result.key}` };
    },
};


/***/ })

};
