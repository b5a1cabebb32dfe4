export const id = 108;
export const ids = [108];
export const modules = {

/***/ 9108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   demoCommand: () => (/* binding */ demoCommand)
/* harmony export */ });
const demoCommand = {
    verb: 'demo',
    async run(_raw, ctx) {
        const { runDemo } = await Promise.all(/* import() */[__webpack_require__.e(711), __webpack_require__.e(262), __webpack_require__.e(320), __webpack_require__.e(705), __webpack_require__.e(210)]).then(__webpack_require__.bind(__webpack_require__, 6210));
        const result = await runDemo(ctx.log, ctx.signal);
        return { outputs: {}, summary: '', text: '', json: result, report: `demo passed: ${result.key}` };
    },
};


/***/ })

};
