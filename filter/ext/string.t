# string match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m string --string foo --algo bm;-m string --string "foo" --algo bm
-m string --string foo --algo kmp;-m string --string "foo" --algo kmp
-m string ! --string foo --algo bm;-m string ! --string "foo" --algo bm
-m string --string "foo bar" --algo bm;=
-m string --hex-string "|41 42|" --algo bm;-m string --string "AB" --algo bm
-m string --hex-string "|414243|" --algo bm;-m string --string "ABC" --algo bm
-m string --hex-string "a|0d0a|b" --algo bm;-m string --hex-string "|610d0a62|" --algo bm
-m string --hex-string "|00|" --algo bm;=
-m string --string foo --algo bm --from 10 --to 100;-m string --string "foo" --algo bm --from 10 --to 100
-m string --string foo --algo bm --from 0 --to 65535;-m string --string "foo" --algo bm
-m string --string foo --algo bm --to 0;-m string --string "foo" --algo bm --to 0
-m string --string foo --algo bm --icase;-m string --string "foo" --algo bm --icase
-m string --string foo;FAIL;string: option "--algo" must be specified
-m string --algo bm;FAIL;STRING match: You must specify `--string' or `--hex-string'
-m string --string foo --algo xyz;FAIL;@commit
-m string --string "" --algo bm;FAIL;@commit
-m string --string a:b --algo bm;-m string --string "a:b" --algo bm
-m string --string "a\"b" --algo bm;=
-m string --string é --algo bm;-m string --hex-string "|c3a9|" --algo bm
# packets
-4
*filter
:INPUT
-m string --string "secret" --algo bm;=
>proto=udp payload=topsecretdata;match
>proto=udp payload=nothinghere;nomatch
-m string --string "abc" --algo kmp --icase;=
>proto=udp payload=xxABCxx;match
>proto=udp payload=xxabxx;nomatch
-m string --string "GET" --algo bm --from 28 --to 31;=
>proto=udp payload=GET;match
>proto=udp payload=xGET;nomatch
