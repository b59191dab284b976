# CT target (revision 2 as saved)
-4
*raw
:PREROUTING,OUTPUT
-j CT --notrack;=
-j CT --helper ftp;FAIL;@commit
-p tcp --dport 21 -j CT --helper ftp;-p tcp -m tcp --dport 21 -j CT --helper ftp
-j CT --helper irc;FAIL;@commit
-j CT --helper nosuchhelper;FAIL;@commit
-j CT --zone 1;=
-j CT --zone 65535;=
-j CT --zone 65536;FAIL;Cannot parse 65536 as a zone ID
-j CT --zone-orig 5;=
-j CT --zone-reply 5;=
-j CT --ctevents new,related,destroy,reply,assured,protoinfo,helper,mark;=
-j CT --ctevents foo;FAIL;Unknown event type "foo"
-j CT --expevents new;=
-j CT --timeout foo;FAIL;@commit
-j CT;=
-j CT --notrack --helper ftp;=
-j CT --notrack --zone 1;=
-j CT --zone 2 --helper ftp;FAIL;@commit
*mangle
:PREROUTING
-j CT --notrack;FAIL;@commit
*filter
:INPUT
-j CT --notrack;FAIL;@commit
-6
*raw
:PREROUTING
-j CT --notrack;=
-p tcp --dport 21 -j CT --helper ftp;-p tcp -m tcp --dport 21 -j CT --helper ftp
